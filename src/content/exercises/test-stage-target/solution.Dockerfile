FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/tempconv .

# Built only on request: docker build --target test .
FROM build AS test
RUN go test ./...

FROM alpine:3.20 AS release
COPY --from=build /out/tempconv /usr/local/bin/tempconv
ENTRYPOINT ["tempconv"]
