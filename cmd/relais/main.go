// Command relais builds, checks, serves and deploys a relais site. See
// 'relais --help'.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/relais-ecoles/relais/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
