package node

import (
	"crypto/tls"
	"crypto/x509"
	"errors"

	"cto/testenv/talos-node-sim/internal/pki"
)

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

	cert, caCert, err := pki.IssuedBy(ca.Crt, ca.Key, n.spec.Address)
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
