package edit

import (
	"errors"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path"
	"strconv"
	"strings"

	"terredetalents/generator/content"
)

// image is a picture sent with a form, checked.
type image struct {
	name string // safe file name, with the extension of its real type
	data []byte
}

// imageTypes are the pictures a bundle accepts from the editor, by the
// type their bytes show (never by their name): the formats the build can
// resize, so that any of them can be chosen as a logo or a photo. No SVG,
// which can hold scripts; no WebP, which the build cannot resize.
var imageTypes = map[string]string{"image/jpeg": ".jpg", "image/png": ".png"}

// upload reads the image sent with a form, if any, and says in French why
// it is refused.
func upload(r *http.Request, limit int64) (*image, string) {
	if r.MultipartForm == nil {
		return nil, ""
	}
	f, h, err := r.FormFile("_image")
	if errors.Is(err, http.ErrMissingFile) || h != nil && h.Size == 0 {
		return nil, ""
	}
	if err != nil {
		return nil, "L'image n'a pas pu être lue : envoyez-la à nouveau."
	}
	defer f.Close()
	if h.Size > limit {
		return nil, "Image trop lourde (" + megabytes(h.Size) + ") : " + megabytes(limit) + " au plus ; réduisez-la (1 600 pixels de large suffisent) et envoyez-la à nouveau."
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil || int64(len(data)) > limit {
		return nil, "Image trop lourde : " + megabytes(limit) + " au plus."
	}
	ext, ok := imageTypes[http.DetectContentType(data)]
	if !ok {
		return nil, "« " + h.Filename + " » n'est pas une image JPEG ou PNG : enregistrez-la dans l'un de ces formats (une photo en JPEG) puis envoyez-la à nouveau ; les autres formats (WebP, SVG, documents) ne sont pas acceptés."
	}
	base := strings.TrimSuffix(path.Base(strings.ReplaceAll(h.Filename, "\\", "/")), path.Ext(h.Filename))
	name := content.Slugify(base)
	if name == "" {
		name = "image"
	}
	if len(name) > 60 {
		name = strings.Trim(name[:60], "-")
	}
	return &image{name: name + ext, data: data}, ""
}

// addImage puts an image in the bundle of the page rel (relative to
// content/), turning x.md into x/index.md first when the page is a single
// file, and returns the page's path (under content/) after that. An image
// never replaces a file: a name already taken gets a number.
func addImage(root *os.Root, rel string, img *image) (string, error) {
	dir := path.Dir(rel)
	if path.Base(rel) != "index.md" {
		bundle := strings.TrimSuffix(rel, ".md")
		if err := root.Mkdir(bundle, 0o755); err != nil {
			return "", err
		}
		if err := root.Rename(rel, bundle+"/index.md"); err != nil {
			return "", err
		}
		rel, dir = bundle+"/index.md", bundle
	}
	name := img.name
	for i := 2; ; i++ {
		if _, err := root.Lstat(path.Join(dir, name)); errors.Is(err, fs.ErrNotExist) {
			break
		}
		ext := path.Ext(img.name)
		name = strings.TrimSuffix(img.name, ext) + "-" + strconv.Itoa(i) + ext
	}
	img.name = name
	if err := writeAtomic(root, path.Join(dir, name), img.data, true); err != nil {
		return "", err
	}
	return "content/" + rel, nil
}

// megabytes writes a size for the staff: "8 Mo".
func megabytes(n int64) string {
	mb := float64(n) / (1 << 20)
	if mb < 10 {
		return strings.Replace(strconv.FormatFloat(mb, 'f', 1, 64), ".", ",", 1) + " Mo"
	}
	return strconv.FormatInt(int64(mb), 10) + " Mo"
}

// fold lowercases s and removes its accents, for the list's filter.
func fold(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteString(content.Fold(r))
	}
	return b.String()
}
