# Build stage: the Go toolchain compiles a static binary.
FROM golang:1.22 AS build
WORKDIR /src
COPY go.mod main.go ./
RUN CGO_ENABLED=0 go build -o /usr/local/bin/greeter .

# Final stage: a small base image and the binary, nothing else.
FROM alpine:3.20
COPY --from=build /usr/local/bin/greeter /usr/local/bin/greeter
USER nobody
EXPOSE 8080
CMD ["greeter"]
