// Package control is the simulator's HTTP/JSON API, through which the
// Latitude simulator powers machines on and off and injects faults.
package control

import (
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"time"

	"cto/testenv/talos-node-sim/internal/node"
)

// Handler serves the control API for a fleet.
func Handler(fleet *node.Fleet) http.Handler {
	mux := http.NewServeMux()

	mux.HandleFunc("GET /nodes", func(w http.ResponseWriter, _ *http.Request) {
		views := []node.View{}
		for _, n := range fleet.All() {
			views = append(views, n.View())
		}

		reply(w, http.StatusOK, views)
	})

	mux.HandleFunc("POST /nodes", func(w http.ResponseWriter, r *http.Request) {
		var spec node.Spec
		if err := json.NewDecoder(r.Body).Decode(&spec); err != nil {
			fail(w, http.StatusBadRequest, err)

			return
		}

		if err := check(spec); err != nil {
			fail(w, http.StatusBadRequest, err)

			return
		}

		n, err := fleet.Add(r.Context(), spec)
		if err != nil {
			fail(w, http.StatusConflict, err)

			return
		}

		reply(w, http.StatusCreated, n.View())
	})

	mux.HandleFunc("GET /nodes/{address}", func(w http.ResponseWriter, r *http.Request) {
		if n := nodeAt(fleet, w, r); n != nil {
			reply(w, http.StatusOK, n.View())
		}
	})

	mux.HandleFunc("DELETE /nodes/{address}", func(w http.ResponseWriter, r *http.Request) {
		if !fleet.Remove(r.PathValue("address")) {
			fail(w, http.StatusNotFound, errors.New("no such node"))

			return
		}

		w.WriteHeader(http.StatusNoContent)
	})

	mux.HandleFunc("POST /nodes/{address}/reboot", func(w http.ResponseWriter, r *http.Request) {
		n := nodeAt(fleet, w, r)
		if n == nil {
			return
		}

		// optional {"seconds": N}: stay down N real seconds instead of the scaled reboot time
		var opts struct {
			Seconds float64 `json:"seconds"`
		}

		if err := json.NewDecoder(r.Body).Decode(&opts); err != nil && !errors.Is(err, io.EOF) {
			fail(w, http.StatusBadRequest, err)

			return
		}

		n.Reboot(time.Duration(opts.Seconds * float64(time.Second)))
		reply(w, http.StatusAccepted, n.View())
	})

	mux.HandleFunc("POST /nodes/{address}/faults", func(w http.ResponseWriter, r *http.Request) {
		n := nodeAt(fleet, w, r)
		if n == nil {
			return
		}

		// {"upgradeRollback": true}: the next boot of a newly installed image falls back to the old one
		var faults struct {
			UpgradeRollback bool `json:"upgradeRollback"`
		}

		if err := json.NewDecoder(r.Body).Decode(&faults); err != nil {
			fail(w, http.StatusBadRequest, err)

			return
		}

		n.SetUpgradeRollback(faults.UpgradeRollback)
		reply(w, http.StatusOK, n.View())
	})

	return mux
}

// nodeAt is the node the path's {address} names, or nil after answering 404.
func nodeAt(fleet *node.Fleet, w http.ResponseWriter, r *http.Request) *node.Node {
	n := fleet.Get(r.PathValue("address"))
	if n == nil {
		fail(w, http.StatusNotFound, errors.New("no such node"))
	}

	return n
}

func check(spec node.Spec) error {
	ip := net.ParseIP(spec.Address)
	if ip == nil || !ip.IsLoopback() || ip.To4() == nil {
		return errors.New("address must be an IPv4 loopback address (127.0.0.0/8)")
	}

	if spec.Hostname == "" {
		return errors.New("hostname is required")
	}

	return nil
}

func reply(w http.ResponseWriter, code int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(body) //nolint:errcheck // the client went away
}

func fail(w http.ResponseWriter, code int, err error) {
	reply(w, code, map[string]string{"error": err.Error()})
}
