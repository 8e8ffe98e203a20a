package request

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/apierr"
)

// The answer formats the Format common parameter picks: JSON by default, XML on request. Every
// answer of every action, and every refusal, is written here, so that no action can answer in a
// format of its own.
const (
	formatJSON = "JSON"
	formatXML  = "XML"
)

const (
	contentTypeJSON = "application/json;charset=utf-8"
	contentTypeXML  = "text/xml;charset=utf-8"
)

// checkFormat refuses a Format other than JSON or XML. Case is ignored, as the SDKs upper-case the
// value before they compare it.
func (c *Call) checkFormat() *apierr.Error {
	if f := c.params.Get("Format"); f != "" && !strings.EqualFold(f, formatJSON) && !strings.EqualFold(f, formatXML) {
		return apierr.InvalidParameter("Format", "%q is not JSON or XML", f)
	}
	return nil
}

// wantsXML reports whether the call asked for XML. A call refused before its parameters were read
// is answered in JSON unless its query string asked otherwise.
func (c *Call) wantsXML() bool {
	params := c.params
	if params == nil {
		params = c.query
	}
	return strings.EqualFold(params.Get("Format"), formatXML)
}

// WriteAnswer sends a successful answer, given as the JSON of its body, in the call's format. In
// XML the root element is <ActionResponse> and a list is its element repeated, as the API and the
// older SDK's xml-tagged response structs have it.
func WriteAnswer(w http.ResponseWriter, c *Call, requestID string, body []byte) error {
	if !c.wantsXML() {
		write(w, http.StatusOK, requestID, contentTypeJSON, body)
		return nil
	}
	out, err := jsonToXML(c.Action+"Response", body)
	if err != nil {
		return fmt.Errorf("vpcsim: the answer to %s has no XML form: %w", c.Action, err)
	}
	write(w, http.StatusOK, requestID, contentTypeXML, out)
	return nil
}

// errorXML is an error answer in XML: the element names and their order are those of the
// reference's XML error sample.
type errorXML struct {
	XMLName   xml.Name `xml:"Error"`
	RequestID string   `xml:"RequestId"`
	HostID    string   `xml:"HostId"`
	Code      string   `xml:"Code"`
	Message   string   `xml:"Message"`
}

// WriteError sends an error answer in the call's format. A throttled answer carries the wait its
// bucket names in both forms clients read: x-acs-retry-after (milliseconds; the CLI and the newer
// SDKs) and x-ratelimit-user-api (TimeLeft in milliseconds; darabonba-openapi up to v2.1).
func WriteError(w http.ResponseWriter, c *Call, requestID string, e *apierr.Error) {
	if r := e.Retry; r != nil {
		ms := r.Wait.Milliseconds()
		w.Header().Set("x-acs-retry-after", strconv.FormatInt(ms, 10))
		w.Header().Set("x-ratelimit-user-api", fmt.Sprintf("Limit:%d,Remain:0,TimeLeft:%d", r.Limit, ms))
	}
	if c.wantsXML() {
		body, _ := xml.Marshal(errorXML{RequestID: requestID, HostID: c.Host, Code: e.Code, Message: e.Message}) // strings only: cannot fail
		write(w, e.Status, requestID, contentTypeXML, append([]byte(xml.Header), body...))
		return
	}
	body, _ := json.Marshal(apierr.Body{ // strings only: cannot fail
		RequestID: requestID,
		HostID:    c.Host,
		Code:      e.Code,
		Message:   e.Message,
		Recommend: apierr.RecommendURL(e.Code, requestID),
	})
	write(w, e.Status, requestID, contentTypeJSON, body)
}

func write(w http.ResponseWriter, status int, requestID, contentType string, body []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("x-acs-request-id", requestID)
	w.WriteHeader(status)
	_, _ = w.Write(body) // a client that went away cannot be told anything more
}

// jsonToXML writes a JSON object as the XML element root, member by member in the JSON's order:
// an object becomes an element of its members, a list its element repeated once per item, a
// scalar its text. Working on the JSON, not on Go values, lets a ClientToken replay (kept as JSON)
// come back in XML too.
func jsonToXML(root string, body []byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	if err := xmlValue(&buf, dec, root); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("more than one JSON value")
	}
	return buf.Bytes(), nil
}

func xmlValue(buf *bytes.Buffer, dec *json.Decoder, name string) error {
	if !validXMLName(name) {
		return fmt.Errorf("%q is not an XML element name", name)
	}
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	switch t := tok.(type) {
	case json.Delim:
		if t == '[' {
			for dec.More() {
				if err := xmlValue(buf, dec, name); err != nil {
					return err
				}
			}
			_, err = dec.Token()
			return err
		}
		buf.WriteString("<" + name + ">")
		for dec.More() {
			tok, err := dec.Token()
			if err != nil {
				return err
			}
			key, _ := tok.(string) // inside an object the decoder yields keys as strings
			if err := xmlValue(buf, dec, key); err != nil {
				return err
			}
		}
		if _, err := dec.Token(); err != nil {
			return err
		}
		buf.WriteString("</" + name + ">")
	case nil:
		buf.WriteString("<" + name + "/>")
	default:
		buf.WriteString("<" + name + ">")
		_ = xml.EscapeText(buf, []byte(fmt.Sprint(t))) // a bytes.Buffer never fails a write
		buf.WriteString("</" + name + ">")
	}
	return nil
}

// validXMLName reports whether s can name an element: the API's member names (RequestId, Vpc,
// VSwitchId...) always can; a drifted field of the admin API might not.
func validXMLName(s string) bool {
	if s == "" || strings.HasPrefix(strings.ToLower(s), "xml") {
		return false
	}
	for i, r := range s {
		letter := r == '_' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z'
		if !letter && (i == 0 || r != '-' && r != '.' && (r < '0' || r > '9')) {
			return false
		}
	}
	return true
}
