package render

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/BurntSushi/toml"
)

// romeFile maps ROME job codes to the title of their official sheet, so
// that a training shows « Soudage manuel (H2913) » rather than a code. The
// theme ships the codes of the example site only; a site may add its own.
const romeFile = "data/rome.toml"

// loadROME reads romeFile from the layers; without one, codes show alone.
func loadROME(layers Layers) (map[string]string, error) {
	data, err := layers.ReadFile(romeFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%s : %w", romeFile, err)
	}
	titles := map[string]string{}
	if _, err := toml.Decode(string(data), &titles); err != nil {
		return nil, fmt.Errorf("%s : %v", romeFile, err)
	}
	return titles, nil
}
