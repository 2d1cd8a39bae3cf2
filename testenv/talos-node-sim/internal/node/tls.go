package node

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"time"

	"cto/testenv/talos-node-sim/internal/pki"
)

// errNoIssuer: a worker's config carries the machine CA without its key;
// trustd on a control plane signs the worker's API certificate, so until a
// control plane of its cluster is known the worker cannot serve its API.
var errNoIssuer = errors.New("waiting for trustd on a control plane to issue the API certificate")

// issuerRetry is how often a worker asks again.
const issuerRetry = 200 * time.Millisecond

// tlsConfigLocked is what apid serves with: a self-signed certificate and no
// client auth in maintenance, mutual TLS under the machine CA once configured.
func (n *Node) tlsConfigLocked() (*tls.Config, error) {
	if n.mode == Maintenance {
		cert, err := pki.SelfSigned(n.spec.Address)
		if err != nil {
			return nil, err
		}

		return &tls.Config{Certificates: []tls.Certificate{cert}, ClientAuth: tls.NoClientCert, MinVersion: tls.VersionTLS12}, nil
	}

	ca := n.active.Machine().Security().IssuingCA()
	if ca == nil {
		return nil, errors.New("config has no machine CA")
	}

	key := ca.Key
	if len(key) == 0 {
		if key = n.fleet.caKey(ca.Crt); key == nil {
			return nil, errNoIssuer
		}
	}

	cert, caCert, err := pki.IssuedBy(ca.Crt, key, n.spec.Address)
	if err != nil {
		return nil, err
	}

	clientCAs := x509.NewCertPool()
	clientCAs.AddCert(caCert)

	for _, accepted := range n.active.Machine().Security().AcceptedCAs() {
		clientCAs.AppendCertsFromPEM(accepted.Crt)
	}

	return &tls.Config{
		Certificates: []tls.Certificate{cert},
		ClientAuth:   tls.RequireAndVerifyClientCert,
		ClientCAs:    clientCAs,
		MinVersion:   tls.VersionTLS12,
	}, nil
}

// MachineCA is the PEM certificate of the CA the node's API is issued by (nil in maintenance).
func (n *Node) MachineCA() []byte {
	n.mu.Lock()
	defer n.mu.Unlock()

	if n.mode != Configured || n.active.Machine().Security().IssuingCA() == nil {
		return nil
	}

	return n.active.Machine().Security().IssuingCA().Crt
}
