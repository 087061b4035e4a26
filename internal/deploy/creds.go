package deploy

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/minio/minio-go/v7/pkg/credentials"
)

// errNoCredentials says where credentials go.
var errNoCredentials = errors.New("no credentials for the bucket: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary keys) in the environment, or choose a profile of ~/.aws/credentials with AWS_PROFILE")

// credentialsFrom finds the keys of the bucket, as the AWS tools do: the
// environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN),
// else the profile AWS_PROFILE (default "default") of the shared
// credentials file (AWS_SHARED_CREDENTIALS_FILE, default
// ~/.aws/credentials). Messages never hold a key.
func credentialsFrom(getenv func(string) string) (credentials.Value, error) {
	first := func(names ...string) string {
		for _, n := range names {
			if v := strings.TrimSpace(getenv(n)); v != "" {
				return v
			}
		}
		return ""
	}
	id := first("AWS_ACCESS_KEY_ID", "AWS_ACCESS_KEY")
	secret := first("AWS_SECRET_ACCESS_KEY", "AWS_SECRET_KEY")
	switch {
	case id != "" && secret != "":
		return credentials.Value{AccessKeyID: id, SecretAccessKey: secret, SessionToken: first("AWS_SESSION_TOKEN"), SignerType: credentials.SignatureV4}, nil
	case id != "":
		return credentials.Value{}, errors.New("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not: set both, or neither to use ~/.aws/credentials")
	case secret != "":
		return credentials.Value{}, errors.New("AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not: set both, or neither to use ~/.aws/credentials")
	}

	file := first("AWS_SHARED_CREDENTIALS_FILE")
	if file == "" {
		home := first("HOME")
		if home == "" {
			var err error
			if home, err = os.UserHomeDir(); err != nil {
				return credentials.Value{}, errNoCredentials
			}
		}
		file = filepath.Join(home, ".aws", "credentials")
	}
	profile := first("AWS_PROFILE")
	named := profile != ""
	if !named {
		profile = "default"
	}
	if _, err := os.Stat(file); err != nil {
		if named {
			return credentials.Value{}, fmt.Errorf("AWS_PROFILE is %q, but there is no credentials file %s: create it, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY", profile, file)
		}
		return credentials.Value{}, errNoCredentials
	}
	v, err := credentials.NewFileAWSCredentials(file, profile).GetWithContext(nil)
	switch {
	case err != nil && strings.Contains(err.Error(), "does not exist"):
		if named {
			return credentials.Value{}, fmt.Errorf("AWS_PROFILE is %q, but %s has no [%s] section", profile, file, profile)
		}
		return credentials.Value{}, errNoCredentials
	case err != nil:
		return credentials.Value{}, fmt.Errorf("reading profile %q of %s: %s", profile, file, oneLine(err.Error()))
	case v.AccessKeyID == "" || v.SecretAccessKey == "":
		return credentials.Value{}, fmt.Errorf("profile %q of %s has no aws_access_key_id and aws_secret_access_key", profile, file)
	}
	return v, nil
}
