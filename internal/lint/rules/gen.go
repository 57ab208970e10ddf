package rules

//go:generate go run ../../gen/rulesdoc -out ../../../docs/rules.md
