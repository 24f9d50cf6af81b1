FROM node:22-alpine
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY server.js ./
# The node image ships an unprivileged user "node" (uid 1000).
USER node
EXPOSE 3000
CMD ["node", "server.js"]
