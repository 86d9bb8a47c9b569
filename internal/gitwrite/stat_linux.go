//go:build linux

package gitwrite

import (
	"os"
	"syscall"
	"time"

	"github.com/go-git/go-git/v5/plumbing/format/index"
)

// fillStat records in e what git compares to tell an unchanged file.
func fillStat(e *index.Entry, info os.FileInfo) {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		e.CreatedAt = time.Unix(int64(st.Ctim.Sec), int64(st.Ctim.Nsec))
		e.Dev, e.Inode = uint32(st.Dev), uint32(st.Ino)
		e.UID, e.GID = st.Uid, st.Gid
	}
}
