package cli

import (
	"context"
	"fmt"
	"net"
	"strconv"

	"github.com/relais-ecoles/relais/internal/serve"
)

func runServe(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "serve", "[flags]", "build the site in memory, serve it, and rebuild and reload the open pages on every change; nothing is written (the clock is set once, at start, or by --now)")
	var sf siteFlags
	sf.register(fs)
	port := fs.Int("port", 1313, "the `port` to listen on (0: any free port)")
	bind := fs.String("bind", "127.0.0.1", "the `address` to listen on; the default keeps the server to this computer")
	if code, ok := parse(e, fs, args); !ok {
		return code
	}
	opts, ok := sf.options(e, "serve")
	if !ok {
		return ExitUsage
	}
	if *port < 0 || *port > 65535 {
		fmt.Fprintf(e.stderr, "relais serve: --port %d is not a port number (0 to 65535)\n", *port)
		return ExitUsage
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(*bind, strconv.Itoa(*port)))
	if err != nil {
		fmt.Fprintf(e.stderr, "relais serve: %v\n", err)
		return ExitFailure
	}
	srv := serve.New(serve.Config{Dir: sf.source, Site: opts.Site, Log: e.stderr})
	ready := func() {
		fmt.Fprintf(e.stderr, "relais serve: http://%s/ serves %s (Ctrl-C to stop)\n", ln.Addr(), sf.source)
	}
	if err := srv.Serve(ctx, ln, ready); err != nil {
		fmt.Fprintf(e.stderr, "relais serve: %v\n", err)
		return ExitFailure
	}
	fmt.Fprintln(e.stderr, "relais serve: stopped")
	return ExitOK
}
