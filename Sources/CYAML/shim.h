// libyaml (Debian's libyaml-dev), the YAML 1.1 parser that reads front matter and lemma.yml.
#include <yaml.h>
