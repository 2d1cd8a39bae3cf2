package node

import (
	"crypto/sha256"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"

	bolt "go.etcd.io/bbolt"
)

// EtcdSnapshot is machined's EtcdSnapshot (`talosctl etcd snapshot <file>`): control planes only, read
// from the node's own etcd (a local client), streamed as data chunks.
func (n *Node) EtcdSnapshot(admin bool) ([]byte, error) {
	n.mu.Lock()
	defer n.mu.Unlock()

	if err := n.checkControlPlaneLocked("etcd snapshot", admin); err != nil {
		return nil, err
	}

	if !n.etcdRunningLocked() {
		return nil, errLocalEtcdDown
	}

	var members []etcdMember

	if err := n.fleet.withEtcd(n.clusterIDLocked(), func(c *etcdCluster) error {
		var err error
		members, err = c.list()

		return err
	}); err != nil {
		return nil, err
	}

	data, err := snapshotDB(members)
	if err != nil {
		return nil, err
	}

	n.etcdSnapshots++

	return data, nil
}

// snapshotDB is a snapshot as etcd's Maintenance.Snapshot streams it: a bbolt database followed by the
// sha256 of its bytes (talosctl checks `size % 512 == 32`, then etcdutl's Status opens the database).
// The simulator keeps no keys: the database holds etcd's storage version ("meta" bucket, which etcdutl
// reads) and the membership ("members" bucket: member ID in hex → {id, peerURLs, name}, as etcd's
// server/storage/schema/membership.go stores it).
func snapshotDB(members []etcdMember) ([]byte, error) {
	dir, err := os.MkdirTemp("", "talos-node-sim-snapshot-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir) //nolint:errcheck

	path := filepath.Join(dir, "db")

	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		return nil, err
	}

	err = db.Update(func(tx *bolt.Tx) error {
		meta, err := tx.CreateBucket([]byte("meta"))
		if err != nil {
			return err
		}

		if err = meta.Put([]byte("storageVersion"), []byte("3.6.0")); err != nil {
			return err
		}

		b, err := tx.CreateBucket([]byte("members"))
		if err != nil {
			return err
		}

		for _, m := range members {
			value, err := json.Marshal(map[string]any{"id": m.ID, "peerURLs": []string{m.peerURL()}, "name": m.Name})
			if err != nil {
				return err
			}

			if err = b.Put([]byte(strconv.FormatUint(m.ID, 16)), value); err != nil {
				return err
			}
		}

		return nil
	})
	if closeErr := db.Close(); err == nil {
		err = closeErr
	}

	if err != nil {
		return nil, err
	}

	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}

	sum := sha256.Sum256(data)

	return append(data, sum[:]...), nil
}
