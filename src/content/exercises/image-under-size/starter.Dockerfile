FROM node:22
WORKDIR /app
COPY . .
RUN npm ci
RUN npx tsc
USER node
CMD ["node", "dist/server.js"]
