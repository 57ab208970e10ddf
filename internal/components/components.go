// Package components links the real factory of every collector component
// compiled into otelcfg's plugin programs. It is heavy (hundreds of modules):
// only plugin programs import it, never cmd/otelcfg, whose start-up budget
// forbids collector code (a test guards that).
//
// The set is generated from go.mod and the catalog (zz_factories.go): a
// catalog component is compiled in when go.mod requires its module at the
// catalog's release; dropped.tsv says why each other downloadable module is
// left out.
package components

//go:generate go run ../gen/components -out zz_factories.go -dropped dropped.tsv

import (
	"fmt"

	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/connector"
	"go.opentelemetry.io/collector/exporter"
	"go.opentelemetry.io/collector/extension"
	"go.opentelemetry.io/collector/otelcol"
	"go.opentelemetry.io/collector/processor"
	"go.opentelemetry.io/collector/receiver"
	"go.opentelemetry.io/collector/service/telemetry/otelconftelemetry"

	"github.com/otelcfg/otelcfg/internal/catalog"
)

// Module names one compiled-in component and the Go module it comes from.
type Module struct {
	Class   catalog.Class
	Type    string // the type the factory registers (never a deprecated alias)
	Path    string // Go module path
	Version string // Go module version
}

// String is "path version", the form the collector's `components` command
// prints for a component's module.
func (m Module) String() string { return m.Path + " " + m.Version }

type entry struct {
	Module
	newFactory func() component.Factory
}

// Modules lists the compiled-in components in class order, then by type.
func Modules() []Module {
	mods := make([]Module, len(compiled))
	for i, e := range compiled {
		mods[i] = e.Module
	}
	return mods
}

// Factories builds the factory maps the way a collector distribution does:
// each factory is keyed by its type and, when it declares one, by its
// deprecated alias (otelcol.MakeFactoryMap), so configs using an old name
// decode exactly as in the collector. The telemetry factory is the
// collector's default (otelconftelemetry).
func Factories() (otelcol.Factories, error) {
	var (
		recvs []receiver.Factory
		procs []processor.Factory
		exps  []exporter.Factory
		conns []connector.Factory
		exts  []extension.Factory
	)
	f := otelcol.Factories{
		Telemetry:        otelconftelemetry.NewFactory(),
		ReceiverModules:  map[component.Type]string{},
		ProcessorModules: map[component.Type]string{},
		ExporterModules:  map[component.Type]string{},
		ConnectorModules: map[component.Type]string{},
		ExtensionModules: map[component.Type]string{},
	}
	for _, e := range compiled {
		fac := e.newFactory()
		var ok bool
		switch e.Class {
		case catalog.Receiver:
			ok = appendAs(&recvs, fac, f.ReceiverModules, e.Module)
		case catalog.Processor:
			ok = appendAs(&procs, fac, f.ProcessorModules, e.Module)
		case catalog.Exporter:
			ok = appendAs(&exps, fac, f.ExporterModules, e.Module)
		case catalog.Connector:
			ok = appendAs(&conns, fac, f.ConnectorModules, e.Module)
		case catalog.Extension:
			ok = appendAs(&exts, fac, f.ExtensionModules, e.Module)
		}
		if !ok {
			return otelcol.Factories{}, fmt.Errorf("%s %s (%s): factory %T is not a %s factory", e.Class, e.Type, e.Path, fac, e.Class)
		}
	}
	var err error
	if f.Receivers, err = otelcol.MakeFactoryMap(recvs...); err != nil {
		return otelcol.Factories{}, fmt.Errorf("receivers: %w", err)
	}
	if f.Processors, err = otelcol.MakeFactoryMap(procs...); err != nil {
		return otelcol.Factories{}, fmt.Errorf("processors: %w", err)
	}
	if f.Exporters, err = otelcol.MakeFactoryMap(exps...); err != nil {
		return otelcol.Factories{}, fmt.Errorf("exporters: %w", err)
	}
	if f.Connectors, err = otelcol.MakeFactoryMap(conns...); err != nil {
		return otelcol.Factories{}, fmt.Errorf("connectors: %w", err)
	}
	if f.Extensions, err = otelcol.MakeFactoryMap(exts...); err != nil {
		return otelcol.Factories{}, fmt.Errorf("extensions: %w", err)
	}
	return f, nil
}

// appendAs adds fac to list when it is a T, and records its module under
// its own type (as the collector does: aliases have no module entry).
func appendAs[T component.Factory](list *[]T, fac component.Factory, mods map[component.Type]string, m Module) bool {
	t, ok := fac.(T)
	if !ok {
		return false
	}
	*list = append(*list, t)
	mods[fac.Type()] = m.String()
	return true
}

// aliasHolder is the method set the collector's factories use to carry a
// deprecated type name (set by x{receiver,processor,...}.WithDeprecatedTypeAlias;
// the interface itself is internal to the collector).
type aliasHolder interface {
	DeprecatedAlias() component.Type
}

// DeprecatedAlias returns the old type name a factory also accepts, as the
// collector's MakeFactoryMap sees it.
func DeprecatedAlias(f component.Factory) (component.Type, bool) {
	h, ok := f.(aliasHolder)
	if !ok || h.DeprecatedAlias().String() == "" {
		return component.Type{}, false
	}
	return h.DeprecatedAlias(), true
}

// Lookup returns the factory of class registered under typ (a type or a
// deprecated alias) in f, or nil.
func Lookup(f otelcol.Factories, class catalog.Class, typ string) component.Factory {
	t, err := component.NewType(typ)
	if err != nil {
		return nil
	}
	switch class {
	case catalog.Receiver:
		return orNil(f.Receivers[t])
	case catalog.Processor:
		return orNil(f.Processors[t])
	case catalog.Exporter:
		return orNil(f.Exporters[t])
	case catalog.Connector:
		return orNil(f.Connectors[t])
	case catalog.Extension:
		return orNil(f.Extensions[t])
	}
	return nil
}

// orNil turns a missing map entry (a nil interface of the class's factory
// type) into a nil component.Factory.
func orNil[T component.Factory](f T) component.Factory {
	if any(f) == nil {
		return nil
	}
	return f
}
