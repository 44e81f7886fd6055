// want package:`field:example.com/places/lib.Client.Token holds secret`
package app

import "example.com/places/lib"

func secret() string { return "" }

func Use() {
	c := &lib.Client{Token: secret()} // want `found: secret\(\) reaches leak\(\)` `found: secret\(\) reaches leak2\(\)` `^finding, also \[leak2?\(\)\]$`
	c.Do()
}
