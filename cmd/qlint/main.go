// Command qlint keeps a training organization's Qualiopi evidence folder
// ready for its audit: it reports, indicator by indicator, the proofs that
// are missing or out of date.
package main

import (
	"os"

	"github.com/qlint/qlint/internal/gcpace"
)

func main() {
	gcpace.Defer()
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
