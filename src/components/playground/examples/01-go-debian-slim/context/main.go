package main

import "fmt"

func main() {
	fmt.Println("Hello from a two-stage build")
}
