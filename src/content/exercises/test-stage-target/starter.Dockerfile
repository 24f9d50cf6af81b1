FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/tempconv .

FROM alpine:3.20
COPY --from=build /out/tempconv /usr/local/bin/tempconv
ENTRYPOINT ["tempconv"]
