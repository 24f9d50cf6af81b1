package main

import (
	"fmt"
	"time"
)

func main() {
	fmt.Println("It is", time.Now().Format(time.Kitchen))
}
