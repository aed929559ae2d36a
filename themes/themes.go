// Package themes embeds the default theme in the binary, so that a site
// needs no theme folder of its own. (go:embed cannot reach ../ from the
// generator's folder, hence this package beside the theme.)
package themes

import (
	"embed"
	"io/fs"
)

//go:embed default
var embedded embed.FS

// Default returns the default theme: layouts/, static/, archetypes/.
func Default() fs.FS {
	sub, err := fs.Sub(embedded, "default")
	if err != nil {
		panic(err) // the folder is embedded above; this cannot happen
	}
	return sub
}
