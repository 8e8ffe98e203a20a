package provider

import "slices"

// SettingsEnv is every environment variable the provider reads a setting from, for the tests that
// stage a machine without credentials.
func SettingsEnv() []string {
	return slices.Concat(envRegion, envAccessKey, envSecretKey, envSecurityToken, envProfile, envVpcEndpoint)
}
