FROM golang:1.22 AS build
WORKDIR /src
COPY go.mod main.go ./
# CGO off: a static binary that needs no C library at run time.
RUN CGO_ENABLED=0 go build -o /out/healthz .

# No shell, no package manager: only what a static program needs, and the nonroot user (65532).
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/healthz /healthz
EXPOSE 8080
CMD ["/healthz"]
