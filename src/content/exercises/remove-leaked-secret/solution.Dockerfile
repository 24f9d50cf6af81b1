FROM node:22-alpine
WORKDIR /app
# Copy what the app needs by name: .env stays on the laptop.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY server.js ./
USER node
# The key is given at run time: docker run -e WEATHER_API_KEY=... weather-proxy
CMD ["node", "server.js"]
