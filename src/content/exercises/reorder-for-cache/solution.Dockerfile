FROM node:22-alpine
WORKDIR /app
# The manifests change rarely: install first, so this layer stays cached.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
# The sources change all the time: copy them last.
COPY src/ ./src/
USER node
CMD ["node", "src/index.js"]
