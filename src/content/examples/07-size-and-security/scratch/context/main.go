package main

import (
	"fmt"
	"net/http"
)

func greeting(name string) string {
	return fmt.Sprintf("hello, %s", name)
}

func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, greeting("visitor"))
	})
	http.ListenAndServe(":8080", nil)
}
