# Stagecraft's own image: build the static site with Node, serve it with nginx as a non-root user.
#   docker build -t stagecraft .
#   docker run --rm -p 8080:8080 stagecraft

# Stage 1: everything needed to build the site (Node, npm, the dev dependencies).
FROM node:24-slim AS build
WORKDIR /app
# The manifests first: `npm ci` stays cached until a dependency changes.
COPY package.json package-lock.json ./
RUN npm ci
# Then the sources (.dockerignore keeps node_modules, dist, tests and .git out).
COPY . .
RUN npm run build

# Stage 2: only the web server and the built pages.
FROM nginx:1.31-alpine AS site
# A config an unprivileged user can run: port 8080 (ports below 1024 need root), and the pid file
# and temporary files in /tmp, where the nginx user may write.
COPY <<'CONF' /etc/nginx/nginx.conf
worker_processes auto;
pid /tmp/nginx.pid;
events {
    worker_connections 1024;
}
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    client_body_temp_path /tmp/client_temp;
    proxy_temp_path /tmp/proxy_temp;
    fastcgi_temp_path /tmp/fastcgi_temp;
    uwsgi_temp_path /tmp/uwsgi_temp;
    scgi_temp_path /tmp/scgi_temp;
    server {
        listen 8080;
        root /usr/share/nginx/html;
        error_page 404 /404.html;
        # Cross-origin isolation (src/integrations/cross-origin-isolation.ts): the WebContainer
        # mode needs it; `always` puts the headers on the 404 page too.
        add_header Cross-Origin-Opener-Policy same-origin always;
        add_header Cross-Origin-Embedder-Policy require-corp always;
        location / {
            try_files $uri $uri/ =404;
        }
    }
}
CONF
COPY --from=build /app/dist /usr/share/nginx/html
USER nginx
EXPOSE 8080
CMD ["nginx", "-g", "daemon off;"]
