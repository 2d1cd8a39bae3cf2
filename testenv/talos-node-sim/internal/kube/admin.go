// Package kube talks to the local control plane with its admin kubeconfig:
// registering the Kubernetes Node a simulated Talos node's kubelet would, and
// handing out the kubeconfig that `talosctl kubeconfig` returns.
package kube

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"gopkg.in/yaml.v3"
)

// Admin is the local control plane's admin identity.
type Admin struct {
	Server string
	CA     []byte
	Cert   []byte
	Key    []byte
	client *http.Client
}

type kubeconfigFile struct {
	CurrentContext string `yaml:"current-context"`
	Clusters       []struct {
		Name    string `yaml:"name"`
		Cluster struct {
			Server string `yaml:"server"`
			CAData string `yaml:"certificate-authority-data"`
			CAFile string `yaml:"certificate-authority"`
		} `yaml:"cluster"`
	} `yaml:"clusters"`
	Users []struct {
		Name string `yaml:"name"`
		User struct {
			CertData string `yaml:"client-certificate-data"`
			CertFile string `yaml:"client-certificate"`
			KeyData  string `yaml:"client-key-data"`
			KeyFile  string `yaml:"client-key"`
		} `yaml:"user"`
	} `yaml:"users"`
}

// LoadAdmin reads an admin kubeconfig (first cluster and user; inline data or file paths).
func LoadAdmin(path string) (*Admin, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}

	var kc kubeconfigFile
	if err = yaml.Unmarshal(raw, &kc); err != nil {
		return nil, fmt.Errorf("parse %s: %w", path, err)
	}

	if len(kc.Clusters) == 0 || len(kc.Users) == 0 {
		return nil, fmt.Errorf("%s: needs a cluster and a user", path)
	}

	dir := filepath.Dir(path)
	cluster, user := kc.Clusters[0].Cluster, kc.Users[0].User
	admin := &Admin{Server: cluster.Server}

	if admin.CA, err = dataOrFile(cluster.CAData, cluster.CAFile, dir); err != nil {
		return nil, fmt.Errorf("certificate authority: %w", err)
	}

	if admin.Cert, err = dataOrFile(user.CertData, user.CertFile, dir); err != nil {
		return nil, fmt.Errorf("client certificate: %w", err)
	}

	if admin.Key, err = dataOrFile(user.KeyData, user.KeyFile, dir); err != nil {
		return nil, fmt.Errorf("client key: %w", err)
	}

	if admin.client, err = admin.httpClient(); err != nil {
		return nil, err
	}

	return admin, nil
}

func dataOrFile(data, file, dir string) ([]byte, error) {
	switch {
	case data != "":
		return base64.StdEncoding.DecodeString(data)
	case file != "":
		if !filepath.IsAbs(file) {
			file = filepath.Join(dir, file)
		}

		return os.ReadFile(file)
	default:
		return nil, errors.New("missing")
	}
}

func (a *Admin) httpClient() (*http.Client, error) {
	pair, err := tls.X509KeyPair(a.Cert, a.Key)
	if err != nil {
		return nil, err
	}

	roots := x509.NewCertPool()
	if !roots.AppendCertsFromPEM(a.CA) {
		return nil, errors.New("certificate authority: no PEM certificates")
	}

	return &http.Client{
		Timeout: 10 * time.Second,
		Transport: &http.Transport{
			TLSClientConfig: &tls.Config{RootCAs: roots, Certificates: []tls.Certificate{pair}, MinVersion: tls.VersionTLS12},
		},
	}, nil
}
