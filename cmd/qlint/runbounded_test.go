package main

import (
	"bytes"
	"testing"
	"time"
)

// runBounded runs qlint with args, failing the test if it takes more than
// 10 s; it returns the exit code and both outputs.
func runBounded(t *testing.T, args ...string) (int, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	done := make(chan int, 1)
	go func() { done <- run(args, &stdout, &stderr) }()
	select {
	case code := <-done:
		return code, stdout.String() + stderr.String()
	case <-time.After(10 * time.Second):
		t.Fatalf("qlint %v did not end within 10 s", args)
		return 0, ""
	}
}
