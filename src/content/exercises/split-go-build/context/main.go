// greeter answers every HTTP request with a greeting for the name in the path.
package main

import (
	"fmt"
	"log"
	"net/http"
	"strings"
)

func greet(w http.ResponseWriter, r *http.Request) {
	name := strings.Trim(r.URL.Path, "/")
	if name == "" {
		name = "world"
	}
	fmt.Fprintf(w, "Hello, %s!\n", name)
}

func main() {
	http.HandleFunc("/", greet)
	log.Println("listening on :8080")
	log.Fatal(http.ListenAndServe(":8080", nil))
}
