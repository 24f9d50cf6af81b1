FROM node:22-alpine
ENV WEATHER_API_KEY=wk_live_5f2a9c1e7b
WORKDIR /app
COPY . .
RUN npm ci --omit=dev
USER node
CMD ["node", "server.js"]
