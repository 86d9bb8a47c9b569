//go:build unix

package safefile

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadRootRefusesWhatIsNotASmallFileInside(t *testing.T) {
	outside := t.TempDir()
	secret := filepath.Join(outside, "secret")
	require.NoError(t, os.WriteFile(secret, []byte("token-123"), 0o600))
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "ok.toml"), []byte("schema = 1\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "big"), make([]byte, 2048), 0o644))
	require.NoError(t, syscall.Mkfifo(filepath.Join(dir, "tube"), 0o644))
	require.NoError(t, os.Symlink(secret, filepath.Join(dir, "out")))
	require.NoError(t, os.Symlink("/dev/zero", filepath.Join(dir, "zero")))
	require.NoError(t, os.Symlink("ok.toml", filepath.Join(dir, "in")))
	require.NoError(t, os.Mkdir(filepath.Join(dir, "sub"), 0o755))
	root, err := os.OpenRoot(dir)
	require.NoError(t, err)
	defer root.Close()

	tests := []struct {
		name, file string
		want       string // "" for a read
	}{
		{"regular file", "ok.toml", ""},
		{"link inside", "in", ""},
		{"named pipe", "tube", "not a regular file"},
		{"folder", "sub", "not a regular file"},
		{"link out", "out", "outside the evidence folder"},
		{"link to a device", "zero", "outside the evidence folder"},
		{"too large", "big", "larger than"},
		{"missing", "nope", "does not exist"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			done := make(chan struct{})
			var data []byte
			var err error
			go func() {
				data, err = ReadRoot(root, tt.file, 1024)
				close(done)
			}()
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("ReadRoot blocked")
			}
			if tt.want == "" {
				require.NoError(t, err)
				assert.Equal(t, "schema = 1\n", string(data))
				return
			}
			require.Error(t, err)
			assert.Contains(t, Reason(err).EN, tt.want)
			assert.NotContains(t, err.Error()+Reason(err).EN+Reason(err).FR, "token-123")
		})
	}
}

func TestReadPathRefusesPipesAndDevices(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, syscall.Mkfifo(filepath.Join(dir, "tube"), 0o644))
	_, err := ReadPath(filepath.Join(dir, "tube"), 1024)
	assert.ErrorIs(t, err, ErrNotRegular)
	_, err = ReadPath("/dev/zero", 1024)
	assert.ErrorIs(t, err, ErrNotRegular)
}
