module terredetalents

go 1.26.0

require (
	github.com/BurntSushi/toml v1.6.0
	github.com/yuin/goldmark v1.8.7
)

require (
	github.com/fsnotify/fsnotify v1.10.1 // indirect
	github.com/kljensen/snowball v0.10.0 // indirect
	golang.org/x/image v0.48.0 // indirect
	golang.org/x/sys v0.50.0 // indirect
	golang.org/x/tools v0.52.0 // indirect
)
