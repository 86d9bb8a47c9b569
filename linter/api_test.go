package linter

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// publicPackages are the packages other programs may import, from here.
var publicPackages = []string{".", "../rules", "../report", "../watcher", "../lang"}

// TestExportedAPIHidesInternal: linter, rules, report, watcher and lang
// are importable, internal/ packages are not; no exported name of theirs
// (a function's signature, a type, an exported field, a constant's or a
// variable's declaration) shows a type or name of an internal/ package
// (gitdates, i18n, safefile...), which another program could not name.
func TestExportedAPIHidesInternal(t *testing.T) {
	fset := token.NewFileSet()
	var leaks []string
	for _, dir := range publicPackages {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		require.NoError(t, err)
		require.NotEmpty(t, files, dir)
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
			require.NoError(t, err)
			leaks = append(leaks, internalLeaks(fset, f)...)
		}
	}
	sort.Strings(leaks)
	assert.Empty(t, leaks, "exported names showing an internal/ package")
}

// internalLeaks lists the exported declarations of f that name a package
// of internal/.
func internalLeaks(fset *token.FileSet, f *ast.File) []string {
	internal := map[string]bool{} // the names internal packages go by in f
	for _, imp := range f.Imports {
		p, _ := strconv.Unquote(imp.Path.Value)
		if !strings.Contains(p, "/internal/") {
			continue
		}
		local := p[strings.LastIndex(p, "/")+1:]
		if imp.Name != nil {
			local = imp.Name.Name
		}
		internal[local] = true
	}
	if len(internal) == 0 {
		return nil
	}
	uses := func(n ast.Node) bool {
		found := false
		ast.Inspect(n, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok {
				if id, ok := sel.X.(*ast.Ident); ok && internal[id.Name] {
					found = true
				}
			}
			return !found
		})
		return found
	}
	var leaks []string
	for _, decl := range f.Decls {
		switch d := decl.(type) {
		case *ast.FuncDecl:
			if d.Name.IsExported() && (d.Recv == nil || exportedRecv(d.Recv)) && uses(d.Type) {
				leaks = append(leaks, fset.Position(d.Pos()).String()+" "+d.Name.Name)
			}
		case *ast.GenDecl:
			for _, spec := range d.Specs {
				switch s := spec.(type) {
				case *ast.TypeSpec:
					if !s.Name.IsExported() {
						continue
					}
					if st, ok := s.Type.(*ast.StructType); ok {
						for _, field := range st.Fields.List {
							if exportedField(field) && uses(field.Type) {
								leaks = append(leaks, fset.Position(field.Pos()).String()+" "+s.Name.Name)
							}
						}
					} else if uses(s.Type) {
						leaks = append(leaks, fset.Position(s.Pos()).String()+" "+s.Name.Name)
					}
				case *ast.ValueSpec:
					for _, n := range s.Names {
						if n.IsExported() && uses(s) {
							leaks = append(leaks, fset.Position(n.Pos()).String()+" "+n.Name)
						}
					}
				}
			}
		}
	}
	return leaks
}

// exportedRecv reports whether a method's receiver is an exported type.
func exportedRecv(recv *ast.FieldList) bool {
	if len(recv.List) == 0 {
		return false
	}
	typ := recv.List[0].Type
	if star, ok := typ.(*ast.StarExpr); ok {
		typ = star.X
	}
	id, ok := typ.(*ast.Ident)
	return ok && id.IsExported()
}

// exportedField reports whether a struct field is exported (an embedded
// one by its type's name).
func exportedField(f *ast.Field) bool {
	if len(f.Names) == 0 {
		return true
	}
	for _, n := range f.Names {
		if n.IsExported() {
			return true
		}
	}
	return false
}
