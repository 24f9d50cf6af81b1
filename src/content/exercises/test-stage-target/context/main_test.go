package main

import "testing"

func TestFreezing(t *testing.T) {
	if got := toFahrenheit(0); got != 32 {
		t.Fatalf("toFahrenheit(0) = %v, want 32", got)
	}
}
