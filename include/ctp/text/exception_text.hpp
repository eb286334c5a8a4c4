#ifndef CTP_TEXT_EXCEPTION_TEXT_HPP
#define CTP_TEXT_EXCEPTION_TEXT_HPP

#include <cstdlib>    // free
#include <exception>  // exception, rethrow
#include <string>
#include <typeinfo>  // type_info

#if __has_include(<cxxabi.h>)
#include <cxxabi.h>  // __cxa_current_exception_type, __cxa_demangle
#define CTP_DETAIL_HAS_CXXABI 1
#endif  // __has_include(<cxxabi.h>)

#include "text_building.hpp"

namespace ctp::detail {

inline std::string type_name(const std::type_info& type) {
#if defined(CTP_DETAIL_HAS_CXXABI)
    int status = 0;
    char* demangled = abi::__cxa_demangle(type.name(), nullptr, nullptr, &status);
    if (status == 0 && demangled != nullptr) {
        std::string name = demangled;
        std::free(demangled);
        return name;
    }
#endif  // defined(CTP_DETAIL_HAS_CXXABI)
    return type.name();
}

// Names the in-flight exception's type and message; call only inside a catch block.
// Tests throw anything, so the type is named even when it is not a std::exception.
inline std::string describe_current_exception() {
    std::string type = "unknown type";
#if defined(CTP_DETAIL_HAS_CXXABI)
    if (const std::type_info* thrown = abi::__cxa_current_exception_type()) type = type_name(*thrown);
#endif  // defined(CTP_DETAIL_HAS_CXXABI)
    try {
        throw;
    } catch (const std::exception& exception) {
        return concat({type, ": ", exception.what()});
    } catch (const char* text) {
        return concat({"const char*: ", text != nullptr ? text : "(null)"});
    } catch (const std::string& text) {
        return concat({"std::string: ", text});
    } catch (...) {
        return concat({"an exception of type ", type});
    }
}

}  // namespace ctp::detail

#endif  // CTP_TEXT_EXCEPTION_TEXT_HPP
