#pragma once
// The 2021 template's schema, as the tests load it from models/.

#include "tables/schema.h"

namespace nianbao {

inline const Schema& schema_2021() {
    static const Schema s = load_schema(NIANBAO_SOURCE_DIR "/models/gov-disclosure-2021.json");
    return s;
}

}  // namespace nianbao
