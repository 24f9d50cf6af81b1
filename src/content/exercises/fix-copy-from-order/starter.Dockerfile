FROM alpine:3.20 AS release
COPY --from=build /out/clock /usr/local/bin/clock
USER nobody
CMD ["clock"]

FROM golang:1.22 AS build
WORKDIR /src
COPY go.mod main.go ./
RUN CGO_ENABLED=0 go build -o /out/clock .
