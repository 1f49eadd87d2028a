package serve

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"

	gossh "golang.org/x/crypto/ssh"
)

// maxKeyFileBytes bounds the host key and authorized_keys files: real ones
// are a few KiB.
const maxKeyFileBytes = 1 << 20

// HostKey is the server's identity, which students' ssh remembers.
type HostKey struct {
	PEM    []byte
	Signer gossh.Signer
	Path   string
	Made   bool // generated on this run
}

// Fingerprint is the key's SHA-256 fingerprint as ssh prints it.
func (k HostKey) Fingerprint() string { return gossh.FingerprintSHA256(k.Signer.PublicKey()) }

// LoadOrCreateHostKey reads the host key at path, or generates an Ed25519
// key there (mode 0600) when the file does not exist, so students' ssh
// sees the same host every class.
func LoadOrCreateHostKey(path string) (HostKey, error) {
	data, err := readBounded(path)
	if errors.Is(err, fs.ErrNotExist) {
		return createHostKey(path)
	}
	if err != nil {
		return HostKey{}, fmt.Errorf("--host-key %s: %w", path, err)
	}
	if info, err := os.Stat(path); err == nil && runtime.GOOS != "windows" && info.Mode().Perm()&0o077 != 0 {
		return HostKey{}, fmt.Errorf("--host-key %s: others can read it (mode %04o); run chmod 600 %s", path, info.Mode().Perm(), path)
	}
	signer, err := gossh.ParsePrivateKey(data)
	if err != nil {
		return HostKey{}, fmt.Errorf("--host-key %s: not an SSH private key without a passphrase: %w", path, err)
	}
	return HostKey{PEM: data, Signer: signer, Path: path}, nil
}

func createHostKey(path string) (HostKey, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return HostKey{}, err
	}
	block, err := gossh.MarshalPrivateKey(priv, "bluegreen classroom host key")
	if err != nil {
		return HostKey{}, err
	}
	data := pem.EncodeToMemory(block)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return HostKey{}, fmt.Errorf("--host-key %s: %w", path, err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return HostKey{}, fmt.Errorf("--host-key %s: %w", path, err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return HostKey{}, fmt.Errorf("--host-key %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return HostKey{}, fmt.Errorf("--host-key %s: %w", path, err)
	}
	signer, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		return HostKey{}, err
	}
	return HostKey{PEM: data, Signer: signer, Path: path, Made: true}, nil
}

// readBounded reads a small file, refusing one larger than maxKeyFileBytes.
func readBounded(path string) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if info.Size() > maxKeyFileBytes {
		return nil, fmt.Errorf("the file is %d bytes; a key file is at most %d", info.Size(), maxKeyFileBytes)
	}
	return os.ReadFile(path)
}

// InstructorKeys are the public keys allowed to open the instructor's
// console, read from an authorized_keys file.
type InstructorKeys struct {
	keys []gossh.PublicKey
}

// LoadInstructorKeys reads an authorized_keys file (comments and blank
// lines allowed; options before a key are not honoured). An empty path
// allows nobody.
func LoadInstructorKeys(path string) (InstructorKeys, error) {
	if path == "" {
		return InstructorKeys{}, nil
	}
	data, err := readBounded(path)
	if err != nil {
		return InstructorKeys{}, fmt.Errorf("--instructor-key %s: %w", path, err)
	}
	var ks InstructorKeys
	for len(data) > 0 {
		key, _, _, rest, err := gossh.ParseAuthorizedKey(data)
		if err != nil {
			break // blank and comment lines are skipped; what is left holds no key
		}
		ks.keys = append(ks.keys, key)
		data = rest
	}
	if len(ks.keys) == 0 {
		return InstructorKeys{}, fmt.Errorf("--instructor-key %s: no public key in authorized_keys format (e.g. the contents of ~/.ssh/id_ed25519.pub)", path)
	}
	return ks, nil
}

// Allows reports whether k is one of the instructor's keys.
func (ks InstructorKeys) Allows(k gossh.PublicKey) bool {
	if k == nil {
		return false
	}
	for _, allowed := range ks.keys {
		if allowed.Type() == k.Type() && string(allowed.Marshal()) == string(k.Marshal()) {
			return true
		}
	}
	return false
}

// Len is how many keys are allowed.
func (ks InstructorKeys) Len() int { return len(ks.keys) }

// DataDir is where bluegreen keeps its files by default: $XDG_DATA_HOME,
// else ~/.local/share (Application Support on macOS, %LocalAppData% on
// Windows), then "bluegreen".
func DataDir() (string, error) {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "bluegreen"), nil
	}
	switch runtime.GOOS {
	case "darwin", "windows":
		d, err := os.UserConfigDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(d, "bluegreen"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("no home folder to keep the class in (%w); give --db and --host-key", err)
	}
	return filepath.Join(home, ".local", "share", "bluegreen"), nil
}
