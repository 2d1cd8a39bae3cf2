// talos-node-sim serves simulated Talos nodes — each on its own loopback
// address, speaking the real Talos gRPC API — so the real talosctl can drive
// them in tests. A control API powers nodes on/off and injects faults.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"

	"cto/testenv/talos-node-sim/internal/apid"
	"cto/testenv/talos-node-sim/internal/control"
	"cto/testenv/talos-node-sim/internal/kube"
	"cto/testenv/talos-node-sim/internal/node"
	"cto/testenv/talos-node-sim/internal/timing"
)

func main() {
	if err := run(); err != nil {
		log.Fatal(err)
	}
}

func run() error {
	controlAddr := flag.String("control", "127.0.0.1:0", "listen address of the control API")
	kubeconfig := flag.String("kubeconfig", "", "admin kubeconfig of the local control plane (Nodes are registered there; talosctl kubeconfig returns it)")
	scale := flag.Float64("time-scale", 1, "multiplier for real Talos timings (1 = install ~3m, reboot ~1m, CRI up ~30s after boot)")
	flag.Parse()

	if *scale <= 0 {
		return errors.New("--time-scale must be positive")
	}

	var admin *kube.Admin

	if *kubeconfig != "" {
		var err error
		if admin, err = kube.LoadAdmin(*kubeconfig); err != nil {
			return fmt.Errorf("--kubeconfig: %w", err)
		}
	}

	var fleet *node.Fleet

	fleet = node.NewFleet(timing.Scale(*scale), admin, func(address string) node.Transport {
		return apid.NewListener(address, apid.Services(address, fleet))
	})

	lis, err := net.Listen("tcp", *controlAddr)
	if err != nil {
		return err
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	server := &http.Server{Handler: control.Handler(fleet)}

	go func() {
		<-ctx.Done()
		fleet.StopAll()
		server.Close() //nolint:errcheck
	}()

	// the launcher waits for this line to learn the control URL
	fmt.Printf("control API listening on http://%s\n", lis.Addr())

	if err = server.Serve(lis); !errors.Is(err, http.ErrServerClosed) {
		return err
	}

	return nil
}
