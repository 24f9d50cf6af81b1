package main

import (
	"fmt"
	"os"
	"strconv"
)

func toFahrenheit(c float64) float64 { return c*9/5 + 32 }

func main() {
	c, _ := strconv.ParseFloat(os.Args[1], 64)
	fmt.Printf("%.1f°F\n", toFahrenheit(c))
}
