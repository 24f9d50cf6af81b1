FROM node:22
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY index.html ./
COPY src/ ./src/
RUN npm run build
EXPOSE 4173
CMD ["npx", "vite", "preview", "--host"]
