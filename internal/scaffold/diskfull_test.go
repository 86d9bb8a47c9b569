package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/rules"
)

// snapshot lists a folder's tree: every path with its mode and content.
func snapshot(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	require.NoError(t, filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		line := fmt.Sprintf("%s %v", rel, info.Mode())
		if info.Mode().IsRegular() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			line += " " + string(data)
		}
		out = append(out, line)
		return nil
	}))
	sort.Strings(out)
	return out
}

// TestDiskFullDuringInit: whichever write of init finds the disk full
// (half of it written, then ENOSPC), init fails with ENOSPC and the folder
// is exactly as it was: no folder, README, backup or qlint.toml of this run
// is left, the proofs and the old qlint.toml (with --force) are untouched;
// run again with room, it succeeds.
func TestDiskFullDuringInit(t *testing.T) {
	grids := rules.Grids()
	p := Profile{Name: "Organisme Été", Org: rules.Organization{Categories: []rules.Category{rules.AF}}, Lang: i18n.FR, Ref: grids[len(grids)-1]}
	setups := []struct {
		name  string
		force bool
		prep  func(t *testing.T, dir string)
	}{
		{"a new folder with proofs", false, func(t *testing.T, dir string) {
			require.NoError(t, os.MkdirAll(filepath.Join(dir, "offre de formation"), 0o755))
			require.NoError(t, os.WriteFile(filepath.Join(dir, "offre de formation", "catalogue 2026.pdf"), []byte("%PDF"), 0o644))
		}},
		{"--force over a qlint.toml", true, func(t *testing.T, dir string) {
			require.NoError(t, os.WriteFile(filepath.Join(dir, "qlint.toml"), []byte("schema = 1\n[organization]\nname = \"Ancien\"\ncategories = [\"AF\"]\n"), 0o644))
		}},
	}
	for _, tt := range setups {
		t.Run(tt.name, func(t *testing.T) {
			// How many writes a whole run makes.
			writes := 0
			real := write
			t.Cleanup(func() { write = real })
			write = func(f *os.File, content string) error { writes++; return real(f, content) }
			dir := t.TempDir()
			tt.prep(t, dir)
			_, err := Init(dir, p, tt.force)
			require.NoError(t, err)
			require.Greater(t, writes, 2, "init writes READMEs and qlint.toml")

			for k := 1; k <= writes; k++ {
				dir := t.TempDir()
				tt.prep(t, dir)
				before := snapshot(t, dir)
				n := 0
				write = func(f *os.File, content string) error {
					if n++; n < k {
						return real(f, content)
					}
					_ = real(f, content[:len(content)/2])
					return &fs.PathError{Op: "write", Path: f.Name(), Err: syscall.ENOSPC}
				}
				_, err := Init(dir, p, tt.force)
				require.Error(t, err, "write %d of %d", k, writes)
				assert.True(t, errors.Is(err, syscall.ENOSPC), "write %d: %v", k, err)
				assert.Equal(t, before, snapshot(t, dir), "write %d of %d: nothing half-made", k, writes)

				write = real
				_, err = Init(dir, p, tt.force)
				assert.NoError(t, err, "write %d: run again with room", k)
			}
		})
	}
}
