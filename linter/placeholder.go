package linter

// placeholderNames are the files that only keep a folder in git or tune
// git's handling of it: never a proof, never an item's content, never a
// file to map, whatever they hold.
var placeholderNames = map[string]bool{
	".gitkeep": true, ".keep": true, ".gitignore": true, ".gitattributes": true,
	".gitmodules": true, ".placeholder": true, ".empty": true, ".emptydir": true,
	".gitkeeper": true, ".keepme": true, ".dummy": true, ".nomedia": true,
}

// placeholder reports whether f only keeps its folder in git (.gitkeep,
// .gitignore…) or is an empty hidden file of the same kind (".placeholder",
// ".empty-folder"): it says nothing of the folder's content.
func placeholder(f *File) bool { return placeholderNamed(base(f.key), f.Size) }

// placeholderNamed is placeholder for a file of that folded name and size.
func placeholderNamed(name string, size int64) bool {
	if name == "" || name[0] != '.' {
		return false // every placeholder name starts with a dot
	}
	if placeholderNames[name] {
		return true
	}
	return len(name) > 1 && size == 0
}
