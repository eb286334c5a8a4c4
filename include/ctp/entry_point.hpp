#ifndef CTP_ENTRY_POINT_HPP
#define CTP_ENTRY_POINT_HPP

#include "main.hpp"

int main(int argc, char** argv) { return ctp::main(argc, argv); }

#endif  // CTP_ENTRY_POINT_HPP
