package main

import "testing"

func TestGreeting(t *testing.T) {
	if got := greeting("ada"); got != "hello, ada" {
		t.Fatalf("greeting(ada) = %q", got)
	}
}
