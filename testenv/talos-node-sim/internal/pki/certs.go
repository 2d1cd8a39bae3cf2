// Package pki mints the certificates a simulated node serves: a throwaway
// self-signed one in maintenance mode, and one issued by the machine CA from
// the applied config once configured (so talosctl verifies it with talosconfig's CA).
package pki

import (
	"crypto"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"time"
)

const validity = 24 * time.Hour

// SelfSigned returns the maintenance-mode certificate: no chain, so clients must use --insecure.
func SelfSigned(address string) (tls.Certificate, error) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return tls.Certificate{}, err
	}

	template := leafTemplate(address)

	der, err := x509.CreateCertificate(rand.Reader, template, template, pub, priv)
	if err != nil {
		return tls.Certificate{}, err
	}

	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: priv}, nil
}

// IssuedBy returns a server certificate for address signed by the PEM-encoded CA pair.
func IssuedBy(caCrtPEM, caKeyPEM []byte, address string) (tls.Certificate, *x509.Certificate, error) {
	ca, caKey, err := parseCA(caCrtPEM, caKeyPEM)
	if err != nil {
		return tls.Certificate{}, nil, err
	}

	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return tls.Certificate{}, nil, err
	}

	der, err := x509.CreateCertificate(rand.Reader, leafTemplate(address), ca, pub, caKey)
	if err != nil {
		return tls.Certificate{}, nil, err
	}

	return tls.Certificate{Certificate: [][]byte{der, ca.Raw}, PrivateKey: priv}, ca, nil
}

func leafTemplate(address string) *x509.Certificate {
	serial, _ := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 62)) //nolint:errcheck // crypto/rand does not fail

	return &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: address},
		NotBefore:    time.Now().Add(-time.Minute),
		NotAfter:     time.Now().Add(validity),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IPAddresses:  []net.IP{net.ParseIP(address)},
	}
}

func parseCA(crtPEM, keyPEM []byte) (*x509.Certificate, crypto.Signer, error) {
	crtBlock, _ := pem.Decode(crtPEM)
	if crtBlock == nil {
		return nil, nil, errors.New("machine CA certificate is not PEM")
	}

	ca, err := x509.ParseCertificate(crtBlock.Bytes)
	if err != nil {
		return nil, nil, fmt.Errorf("machine CA certificate: %w", err)
	}

	keyBlock, _ := pem.Decode(keyPEM)
	if keyBlock == nil {
		return nil, nil, errors.New("machine CA key is not PEM")
	}

	key, err := parsePrivateKey(keyBlock)
	if err != nil {
		return nil, nil, fmt.Errorf("machine CA key: %w", err)
	}

	return ca, key, nil
}

func parsePrivateKey(block *pem.Block) (crypto.Signer, error) {
	// Talos writes its Ed25519 CA keys with the "ED25519 PRIVATE KEY" label but PKCS#8 content.
	if key, err := x509.ParsePKCS8PrivateKey(block.Bytes); err == nil {
		if signer, ok := key.(crypto.Signer); ok {
			return signer, nil
		}
	}

	if key, err := x509.ParseECPrivateKey(block.Bytes); err == nil {
		return key, nil
	}

	if key, err := x509.ParsePKCS1PrivateKey(block.Bytes); err == nil {
		return key, nil
	}

	return nil, fmt.Errorf("unsupported private key type %q", block.Type)
}
