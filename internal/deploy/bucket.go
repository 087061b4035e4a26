package deploy

import (
	"bytes"
	"context"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"github.com/relais-ecoles/relais/internal/config"
)

// recordName is the deploy record, at the root of the target's prefix.
const recordName = ".relais-deploy.json"

// recordFormat is the format of the deploy record. Records of format 1
// were written by versions of relais that signed uploads over http:// in
// streaming form, which some stores keep as "Content-Encoding: aws-chunked"
// on the object: such a record vouches for no headers (every object is
// checked once with a HEAD request, see settle), only its URLs to purge
// are kept.
const recordFormat = 2

// record is the deploy record: the header digest of every path as last
// stored by relais, and the URLs still to purge.
type record struct {
	Format  int               `json:"format"`
	Headers map[string]string `json:"headers"`
	Purge   []string          `json:"purge,omitempty"`
}

func (r record) equal(o record) bool {
	return maps.Equal(r.Headers, o.Headers) && slices.Equal(r.Purge, o.Purge)
}

// Metadata keys relais stores with each object (x-amz-meta-...).
const (
	metaSHA256  = "relais-sha256"
	metaHeaders = "relais-headers"
)

// bucket is the target: an S3 client bound to a bucket and a prefix, whose
// every request is retried by policy and whose errors are explained.
type bucket struct {
	c        *minio.Client
	name     string
	prefix   string
	endpoint string // for messages
	retry    Retry
}

func newBucket(t config.DeployTarget, creds credentials.Value, tr http.RoundTripper, r Retry) (*bucket, error) {
	endpoint := t.Endpoint
	if endpoint == "" {
		endpoint = "https://s3.amazonaws.com"
	}
	u, err := url.Parse(endpoint)
	if err != nil {
		return nil, fmt.Errorf("endpoint %q: %w", endpoint, err)
	}
	c, err := minio.New(u.Host, &minio.Options{
		Creds:      credentials.NewStaticV4(creds.AccessKeyID, creds.SecretAccessKey, creds.SessionToken),
		Secure:     u.Scheme == "https",
		Region:     t.Region,
		Transport:  tr,
		MaxRetries: 1, // deploy retries itself, with its own policy
	})
	if err != nil {
		return nil, fmt.Errorf("endpoint %q: %w", endpoint, err)
	}
	return &bucket{c: c, name: t.Bucket, prefix: t.Prefix, endpoint: endpoint, retry: r}, nil
}

// location names the target for messages.
func (b *bucket) location() string {
	return fmt.Sprintf("s3://%s/%s (%s)", b.name, b.prefix, b.endpoint)
}

// list returns the objects under the prefix, by path.
func (b *bucket) list(ctx context.Context) (map[string]remoteObject, error) {
	var out map[string]remoteObject
	err := b.retry.do(ctx, func() error {
		out = map[string]remoteObject{}
		for o := range b.c.ListObjects(ctx, b.name, minio.ListObjectsOptions{Prefix: b.prefix, Recursive: true}) {
			if o.Err != nil {
				return o.Err
			}
			p := strings.TrimPrefix(o.Key, b.prefix)
			out[p] = remoteObject{Path: p, ETag: strings.Trim(o.ETag, `"`), Size: o.Size}
		}
		return nil
	})
	if err != nil {
		return nil, b.explain("list", "", err)
	}
	return out, nil
}

// getRecord reads the deploy record; a missing one is empty.
func (b *bucket) getRecord(ctx context.Context) (record, error) {
	rec := record{Format: recordFormat, Headers: map[string]string{}}
	var data []byte
	err := b.retry.do(ctx, func() error {
		o, err := b.c.GetObject(ctx, b.name, b.prefix+recordName, minio.GetObjectOptions{})
		if err != nil {
			return err
		}
		defer o.Close()
		data, err = io.ReadAll(o)
		return err
	})
	if isNotFound(err) {
		return rec, nil
	}
	if err != nil {
		return rec, b.explain("read", recordName, err)
	}
	var r record
	if json.Unmarshal(data, &r) != nil || r.Headers == nil {
		return rec, nil // unreadable: vouch for nothing
	}
	switch r.Format {
	case recordFormat:
		return r, nil
	case 1:
		rec.Purge = r.Purge
	}
	return rec, nil // another format: vouch for nothing
}

// putRecord writes the deploy record.
func (b *bucket) putRecord(ctx context.Context, rec record) error {
	data, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	err = b.retry.do(ctx, func() error {
		return b.putVerified(ctx, recordName, data, minio.PutObjectOptions{
			ContentType:  "application/json",
			CacheControl: "no-store",
		})
	})
	if err != nil {
		return b.explain("write", recordName, err)
	}
	return nil
}

// putVerified uploads data as the object at p (under the prefix) in one
// request whose payload is not signed in streaming form, and checks that
// the store kept the bytes sent.
//
// Over https minio-go signs a PUT with UNSIGNED-PAYLOAD; over http it would
// sign it in streaming form (aws-chunked), which some stores keep as the
// object's Content-Encoding and send back to every reader (versitygw), or
// keep as the object's bytes (s3rver). DisableContentSha256 makes it send
// the plain bytes with UNSIGNED-PAYLOAD over http too, and Content-MD5
// lets the store refuse bytes damaged on the way (BadDigest). Then the
// ETag of a one-part upload is the MD5 of what the store kept: a different
// one is a CorruptError. A store whose ETags are not MD5s (S3 with SSE-KMS)
// is read back instead.
func (b *bucket) putVerified(ctx context.Context, p string, data []byte, opts minio.PutObjectOptions) error {
	opts.DisableMultipart = true     // one part: the ETag is the MD5 of the bytes
	opts.DisableContentSha256 = true // no streaming signature, no aws-chunked
	opts.SendContentMd5 = true       // and the store checks the bytes against it
	sum := md5.Sum(data)
	want := hex.EncodeToString(sum[:])
	info, err := b.c.PutObject(ctx, b.name, b.prefix+p, bytes.NewReader(data), int64(len(data)), opts)
	if err != nil {
		return err
	}
	etag := strings.ToLower(strings.Trim(info.ETag, `"`))
	if md5RE.MatchString(etag) {
		if etag != want {
			return &CorruptError{Key: b.key(p), Got: "ETag " + etag, Want: "MD5 " + want}
		}
		return nil
	}
	// Not an MD5 (encrypted with KMS, or a store of its own kind): read
	// the object back.
	o, err := b.c.GetObject(ctx, b.name, b.prefix+p, minio.GetObjectOptions{})
	if err != nil {
		return err
	}
	defer o.Close()
	h := sha256.New()
	if _, err := io.Copy(h, o); err != nil {
		return err
	}
	if got, w := sha256.Sum256(data), h.Sum(nil); !bytes.Equal(got[:], w) {
		return &CorruptError{Key: b.key(p), Got: "SHA-256 " + hex.EncodeToString(w), Want: "SHA-256 " + hex.EncodeToString(got[:])}
	}
	return nil
}

// CorruptError is an upload the store answered with a checksum of other
// bytes than were sent. It stops the deploy: nothing after the object in
// the deploy's order is uploaded.
type CorruptError struct {
	Key       string // s3://bucket/prefix/path
	Got, Want string // "ETag <hex>", "MD5 <hex>"
}

func (e *CorruptError) Error() string {
	return fmt.Sprintf("%s was stored with other bytes than were sent (%s, the file has %s): the deploy stopped there and uploaded nothing after it; check the endpoint (a proxy that changes bodies?) and run relais deploy again", e.Key, e.Got, e.Want)
}

// stat returns the metadata of an object, or found false.
func (b *bucket) stat(ctx context.Context, p string) (h http.Header, found bool, err error) {
	err = b.retry.do(ctx, func() error {
		info, err := b.c.StatObject(ctx, b.name, b.prefix+p, minio.StatObjectOptions{})
		h = info.Metadata
		return err
	})
	if isNotFound(err) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, b.explain("read", p, err)
	}
	return h, true, nil
}

// put uploads data as the object for f, with its headers and metadata.
func (b *bucket) put(ctx context.Context, f file, data []byte) error {
	opts := minio.PutObjectOptions{
		ContentType:             f.Header.Get("Content-Type"),
		CacheControl:            f.Header.Get("Cache-Control"),
		ContentEncoding:         f.Header.Get("Content-Encoding"),
		ContentLanguage:         f.Header.Get("Content-Language"),
		ContentDisposition:      f.Header.Get("Content-Disposition"),
		WebsiteRedirectLocation: f.Header.Get(websiteRedirect),
		UserMetadata:            map[string]string{metaSHA256: f.SHA256, metaHeaders: f.Digest},
	}
	if e := f.Header.Get("Expires"); e != "" {
		if t, err := http.ParseTime(e); err == nil {
			opts.Expires = t
		}
	}
	err := b.retry.do(ctx, func() error {
		return b.putVerified(ctx, f.Path, data, opts)
	})
	if err != nil {
		return b.explain("write", f.Path, err)
	}
	return nil
}

// remove deletes an object.
func (b *bucket) remove(ctx context.Context, p string) error {
	err := b.retry.do(ctx, func() error {
		return b.c.RemoveObject(ctx, b.name, b.prefix+p, minio.RemoveObjectOptions{})
	})
	if err != nil && !isNotFound(err) {
		return b.explain("delete", p, err)
	}
	return nil
}

func isNotFound(err error) bool {
	var e minio.ErrorResponse
	return errors.As(err, &e) && (e.Code == "NoSuchKey" || e.StatusCode == http.StatusNotFound && e.Code != "NoSuchBucket")
}

// explain turns a failed request into a one-line message for an editor.
func (b *bucket) explain(op, p string, err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	var ce *CorruptError
	if errors.As(err, &ce) {
		return err
	}
	what := fmt.Sprintf("%s %s", op, b.key(p))
	var e minio.ErrorResponse
	if errors.As(err, &e) {
		msg := oneLine(e.Message)
		switch e.Code {
		case "NoSuchBucket":
			return fmt.Errorf("bucket %q does not exist at %s: create it, or check bucket and endpoint of the target", b.name, b.endpoint)
		case "AccessDenied", "AllAccessDisabled", "AccountProblem":
			return fmt.Errorf("%s refused to %s (%s: %s): check that the credentials may list, read, write and delete objects in bucket %q", b.endpoint, what, e.Code, msg, b.name)
		case "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken", "ExpiredToken", "TokenRefreshRequired":
			return fmt.Errorf("%s refused the credentials (%s: %s): check AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN, or the profile in AWS_PROFILE", b.endpoint, e.Code, msg)
		case "AuthorizationHeaderMalformed", "PermanentRedirect", "IllegalLocationConstraintException":
			return fmt.Errorf("%s answered %s to %s: %s; check region and endpoint of the target", b.endpoint, e.Code, what, msg)
		}
		if e.Code == "" {
			return fmt.Errorf("%s answered %d %s to %s", b.endpoint, e.StatusCode, http.StatusText(e.StatusCode), what)
		}
		return fmt.Errorf("%s answered %s (%d) to %s: %s", b.endpoint, e.Code, e.StatusCode, what, msg)
	}
	var dns *net.DNSError
	if errors.As(err, &dns) {
		return fmt.Errorf("cannot reach %s: the host %s is not known; check endpoint of the target", b.endpoint, dns.Name)
	}
	var op2 *net.OpError
	if errors.As(err, &op2) {
		return fmt.Errorf("cannot reach %s: %v; check endpoint of the target and the network", b.endpoint, op2.Err)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return fmt.Errorf("cannot reach %s: %v", b.endpoint, oneLine(ue.Err.Error()))
	}
	return fmt.Errorf("%s: %v", what, oneLine(err.Error()))
}

// key names an object for messages.
func (b *bucket) key(p string) string {
	return fmt.Sprintf("s3://%s/%s%s", b.name, b.prefix, p)
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// checkAll settles the unsure files with a HEAD request each.
func (b *bucket) checkAll(ctx context.Context, files []file, c *comparison, remote map[string]remoteObject, workers int) error {
	return parallel(ctx, workers, len(c.check), func(ctx context.Context, j int) error {
		i := c.check[j]
		f := files[i]
		h, found, err := b.stat(ctx, f.Path)
		if err != nil {
			return err
		}
		if !found {
			c.verdicts[i] = isNew
			return nil
		}
		c.verdicts[i] = settle(f, remote[f.Path], h)
		return nil
	})
}
