FROM node:22-alpine
WORKDIR /app
COPY . .
RUN npm ci --omit=dev
USER node
CMD ["node", "app.js"]
