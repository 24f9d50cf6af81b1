FROM golang:1.22
WORKDIR /src
COPY go.mod main.go ./
RUN CGO_ENABLED=0 go build -o /usr/local/bin/greeter .
EXPOSE 8080
CMD ["greeter"]
