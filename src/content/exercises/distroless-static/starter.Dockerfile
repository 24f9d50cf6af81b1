FROM golang:1.22 AS build
WORKDIR /src
COPY go.mod main.go ./
RUN go build -o /out/healthz .

FROM debian:bookworm-slim
COPY --from=build /out/healthz /healthz
EXPOSE 8080
CMD ["/healthz"]
