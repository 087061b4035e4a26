package publish

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"time"
)

// fileInfo is what publish needs to know of a file or folder on disk.
type fileInfo struct {
	dir, regular bool
	size         int64
	mtime        int64  // nanoseconds since 1970
	ino          uint64 // 0 where the system has no inode numbers
}

func (fi fileInfo) mtimeTime() time.Time { return time.Unix(0, fi.mtime) }

func infoOf(st fs.FileInfo) fileInfo {
	return fileInfo{
		dir:     st.IsDir(),
		regular: st.Mode().IsRegular(),
		size:    st.Size(),
		mtime:   st.ModTime().UnixNano(),
		ino:     inode(st),
	}
}

// tree is the files and folders under a folder, by slash path from it.
type tree map[string]fileInfo

// scan reads the tree under root, one level at a time, the folders of a
// level in parallel. A missing root is an empty tree.
func scan(root string) (tree, error) { return scanCtx(context.Background(), root) }

// scanCtx is scan, given up with ctx's error when ctx is done.
func scanCtx(ctx context.Context, root string) (tree, error) {
	t := tree{}
	if _, err := os.Lstat(root); errors.Is(err, fs.ErrNotExist) {
		return t, nil
	}
	level := []string{"."}
	for len(level) > 0 {
		found := make([][]named, len(level))
		err := parallel(len(level), func(i int) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			entries, err := os.ReadDir(filepath.Join(root, filepath.FromSlash(level[i])))
			if err != nil {
				return err
			}
			out := make([]named, 0, len(entries))
			for _, e := range entries {
				st, err := e.Info()
				if errors.Is(err, fs.ErrNotExist) {
					continue
				}
				if err != nil {
					return err
				}
				out = append(out, named{path.Join(level[i], e.Name()), infoOf(st)})
			}
			found[i] = out
			return nil
		})
		if err != nil {
			return nil, err
		}
		var next []string
		for _, entries := range found {
			for _, e := range entries {
				t[e.path] = e.info
				if e.info.dir {
					next = append(next, e.path)
				}
			}
		}
		level = next
	}
	return t, nil
}

type named struct {
	path string
	info fileInfo
}

// removeAll removes a folder and everything under it.
func removeAll(p string) error { return os.RemoveAll(p) }
