package hosting

// For the tests of package hosting_test, which build the shipped site.
var (
	StartNginx = startNginx
	FindBrotli = findBrotli
)
